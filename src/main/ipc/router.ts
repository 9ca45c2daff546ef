/**
 * The main-side router over the one handler table. Every transport (Electron IPC, the web bridge,
 * the CLI's direct calls) goes through call(): the channel is checked, the input parsed with the
 * contract's schema, the handler run, and its output validated. Errors leave as values.
 */
import type { z } from 'zod';
import { isRequestChannel, type RequestChannel } from '../../shared/ipc/channels';
import { requests, type HandlerInput, type RequestOutput } from '../../shared/ipc/contract';
import { AppError, err, ok, toErrorShape, type Result } from '../../shared/result';

export type Transport = 'electron' | 'web' | 'direct';

export interface CallContext {
  readonly transport: Transport;
  /** Who acts, for the audit log: the OS user for the desktop and CLI, `serve:<user>` in a browser tab. */
  readonly actor: string;
}

export type Handler<K extends RequestChannel> = (
  input: HandlerInput<K>,
  context: CallContext,
) => Promise<RequestOutput<K>> | RequestOutput<K>;

/** A missing handler is a compile error: the table must have exactly the contract's channels. */
export type HandlerTable = { readonly [K in RequestChannel]: Handler<K> };

export interface Router {
  call(channel: unknown, input: unknown, context: CallContext): Promise<Result<unknown>>;
  /** Typed direct call for the CLI and tests: throws AppError on failure. */
  invoke<K extends RequestChannel>(channel: K, input: z.input<(typeof requests)[K]['input']>, context: CallContext): Promise<RequestOutput<K>>;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length === 0 ? 'input' : issue.path.map(String).join('.');
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

export function createRouter(handlers: HandlerTable): Router {
  async function call(channel: unknown, input: unknown, context: CallContext): Promise<Result<unknown>> {
    if (!isRequestChannel(channel)) {
      return err('invalid_input', `unknown request channel ${JSON.stringify(channel)}`);
    }
    const spec = requests[channel];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return err('invalid_input', `invalid input for ${channel}: ${describeIssues(parsed.error)}`, {
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
      });
    }
    try {
      const handler = handlers[channel] as (value: unknown, context: CallContext) => unknown;
      const output = await handler(parsed.data, context);
      const checked = spec.output.safeParse(output);
      if (!checked.success) {
        return err('internal', `handler for ${channel} returned an invalid response: ${describeIssues(checked.error)}`);
      }
      return ok(checked.data);
    } catch (thrown) {
      return { ok: false, error: toErrorShape(thrown) };
    }
  }

  return {
    call,
    async invoke(channel, input, context) {
      const result = await call(channel, input, context);
      if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
      return result.value as never;
    },
  };
}
