import { z } from 'zod';

/** Row ids are positive integers (SQLite rowids). */
export const Id = z.number().int().positive();

/** Timestamps cross the boundary as ISO 8601 strings. */
export const IsoTime = z.string().min(1);

export const Empty = z.object({}).strict();

/** `#rrggbb` colour used for labels and overlays. */
export const HexColor = z.string().regex(/^#[0-9a-f]{6}$/i, 'a colour like #1f77b4');

/** Shared text limits: a name a person types, and a prompt. */
export const ShortText = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
export const PromptText = z.string().trim().min(1, 'must not be empty').max(500, 'at most 500 characters');
