import { PORT_NAMES, type PortName } from '../ports';
import type { IntConfig } from './config';

/**
 * The ports an INT run uses with this configuration; a model pack may lack the others. The proposer
 * serves HCG and, with SMG off, the box the mask comes from; the scorer and inpainter serve PSNM; the
 * detector, point prompter and CLIP fusion serve SMG; the segmenter always runs.
 */
export function requiredPorts(config: IntConfig): PortName[] {
  const { hcg, psnm, smg } = config.ablation;
  return PORT_NAMES.filter((port) => {
    switch (port) {
      case 'proposer':
        return hcg || !smg;
      case 'scorer':
      case 'inpainter':
        return psnm;
      case 'detector':
      case 'pointPrompter':
      case 'clipScorer':
        return smg;
      case 'segmenter':
        return true;
    }
  });
}
