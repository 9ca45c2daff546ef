/** Dispatches one request inside the inference process. */
import { PORT_NAMES, type PortName } from '../../../core/ports';
import type { RequestHandler } from './worker';
import { segmentImage } from './segment';
import { benchSynthetic } from './bench-synthetic';

export const handleRequest: RequestHandler = async (request, context) => {
  switch (request.type) {
    case 'ping':
      return { pid: process.pid };
    case 'load-pack': {
      const ports = request.ports.filter((port): port is PortName => (PORT_NAMES as readonly string[]).includes(port));
      const pack = await context.packs.get(request.packDir, ports);
      return pack.report;
    }
    case 'int':
      return segmentImage(request, context.packs, context.cancel, context.progress);
    case 'bench-synthetic':
      return benchSynthetic(request, context.packs, context.cancel, context.progress);
  }
};
