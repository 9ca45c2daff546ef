/** Contract section: export, import and evaluation (schemas for sections/data.channels.ts). */
import type { DATA_REQUEST_CHANNELS } from './data.channels';
import type { RequestSpec } from '../spec';

export const dataRequests = {} as const satisfies { readonly [K in (typeof DATA_REQUEST_CHANNELS)[number]]: RequestSpec };
