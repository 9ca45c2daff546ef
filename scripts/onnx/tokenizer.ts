/**
 * A tiny WordPiece tokenizer (tokenizer.json + tokenizer_config.json) whose vocabulary is the synthetic
 * world's words: BERT normalisation (lower case), BERT pre-tokenisation (whitespace and punctuation),
 * [CLS] ... [SEP] around every sequence. One token per known word, [UNK] for the rest, so a text tower
 * can Gather one WORD_WEIGHTS row per word. Loads through transformers.js' AutoTokenizer.
 */
import { WORD_WEIGHTS } from '../../src/core/synthetic/world';

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/** Specials, then punctuation and filler words the prompts use, then every world word (sorted). */
export function worldVocabulary(): string[] {
  const filler = ['.', ',', 'a', 'an', 'the', 'of', 'photo', 'in', 'on'];
  const words = [...WORD_WEIGHTS.keys()].filter((w) => !filler.includes(w)).sort();
  return [...SPECIAL_TOKENS, ...filler, ...words];
}

function specialToken(content: string, id: number): Record<string, unknown> {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}

export interface TokenizerFiles {
  readonly tokenizerJson: string;
  readonly tokenizerConfigJson: string;
}

/** `tokenizerClass` is what tokenizer_config.json names (CLIPTokenizer for CLIP, BertTokenizer for GroundingDINO). */
export function worldTokenizer(tokenizerClass: string, modelMaxLength: number): TokenizerFiles {
  const vocabulary = worldVocabulary();
  const vocab = Object.fromEntries(vocabulary.map((word, id) => [word, id]));
  const idOf = (token: string): number => vocabulary.indexOf(token);
  const cls = { SpecialToken: { id: '[CLS]', type_id: 0 } };
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((t) => specialToken(t, idOf(t))),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [cls, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [cls, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [idOf('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [idOf('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
  const config = {
    tokenizer_class: tokenizerClass,
    do_lower_case: true,
    model_max_length: modelMaxLength,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
  };
  return { tokenizerJson: `${JSON.stringify(tokenizer, null, 1)}\n`, tokenizerConfigJson: `${JSON.stringify(config, null, 2)}\n` };
}
