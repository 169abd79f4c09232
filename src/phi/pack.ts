// Pattern packs: YAML files of regex rules and labels, validated at load so a bad rule fails at start.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { canonicalTokens } from './tokens.js';
import { PHI_CATEGORIES, type PhiCategory } from './types.js';
import { VALIDATOR_NAMES, VALIDATORS, type ValidatorName } from './validators.js';

const ZRegexSource = z.string().min(1);

const ZPatternRule = z.object({
  id: z.string().min(1),
  category: z.enum(PHI_CATEGORIES),
  /** A JavaScript regular expression. A named group `value` narrows what is masked. */
  regex: ZRegexSource,
  flags: z
    .string()
    .regex(/^[imsu]*$/, 'only the flags i, m, s and u are allowed')
    .default('i'),
  confidence: z.number().min(0).max(1).default(0.9),
  validate: z.enum(VALIDATOR_NAMES).optional(),
});

const ZLabelRule = z.object({
  id: z.string().min(1),
  category: z.enum(PHI_CATEGORIES),
  /** Ways the label is written, e.g. "date of birth", "dob". Matched word by word, OCR-tolerant. */
  phrases: z.array(z.string().min(1)).min(1),
  /** When given, the value must match this at its start (sticky, case-insensitive). */
  value: ZRegexSource.optional(),
  /**
   * `name`: capitalised words (a person's name), stopping at the first that is not; `place`:
   * capitalised words, numbers and unit markers (an address in a sentence).
   */
  kind: z.enum(['text', 'name', 'place']).default('text'),
  maxWords: z.number().int().positive().default(4),
  /** Lines of value to take (an address label's value may continue on the next line). */
  lines: z.number().int().min(1).max(4).default(1),
  /** A cue in running text ("lives at", "Dear"): no colon needed, and no value below it. */
  cue: z.boolean().default(false),
  confidence: z.number().min(0).max(1).default(0.9),
});

export const ZPatternPack = z.object({
  name: z.string().regex(/^[\w.-]+$/, 'letters, digits, "_", "." and "-" only'),
  /** Optional packs apply only to jobs that name them in `options.packs`. */
  optional: z.boolean().default(false),
  patterns: z.array(ZPatternRule).default([]),
  labels: z.array(ZLabelRule).default([]),
});
export type TPatternPack = z.infer<typeof ZPatternPack>;

export interface CompiledPattern {
  id: string;
  category: PhiCategory;
  regex: RegExp;
  confidence: number;
  validate?: ValidatorName;
}

export interface CompiledLabel {
  id: string;
  category: PhiCategory;
  /** Each phrase as canonical tokens (see `canonicalToken`). */
  phrases: string[][];
  /** Sticky, case-insensitive. */
  value?: RegExp;
  kind: 'text' | 'name' | 'place';
  maxWords: number;
  lines: number;
  cue: boolean;
  confidence: number;
}

export interface CompiledPack {
  patterns: CompiledPattern[];
  labels: CompiledLabel[];
}

/** Error in a pattern pack, naming the pack and the rule. */
export class PatternPackError extends Error {
  override readonly name = 'PatternPackError';
}

function compile(source: string, flags: string, where: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (err) {
    throw new PatternPackError(`${where}: invalid regex (${(err as Error).message})`);
  }
}

/** Validates and compiles packs; rules from later packs add to earlier ones. */
export function compilePacks(packs: readonly TPatternPack[]): CompiledPack {
  const patterns: CompiledPattern[] = [];
  const labels: CompiledLabel[] = [];
  for (const pack of packs) {
    for (const rule of pack.patterns) {
      patterns.push({
        id: `${pack.name}/${rule.id}`,
        category: rule.category,
        regex: compile(rule.regex, `${rule.flags}gd`, `pack ${pack.name}, pattern ${rule.id}`),
        confidence: rule.confidence,
        ...(rule.validate && { validate: rule.validate }),
      });
    }
    for (const { value, ...rule } of pack.labels) {
      const where = `pack ${pack.name}, label ${rule.id}`;
      labels.push({
        ...rule,
        id: `${pack.name}/${rule.id}`,
        phrases: rule.phrases.map(canonicalTokens),
        ...(value && { value: compile(value, 'iy', where) }),
      });
    }
  }
  // Longest phrases first, so "patient name" wins over "name" at the same place.
  labels.sort(
    (a, b) =>
      Math.max(...b.phrases.map((p) => p.length)) - Math.max(...a.phrases.map((p) => p.length)),
  );
  return { patterns, labels };
}

/** Parses a YAML pack, throwing `PatternPackError` with every problem listed. */
export function parsePack(yamlText: string, source: string): TPatternPack {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (err) {
    throw new PatternPackError(`${source}: not valid YAML (${(err as Error).message})`);
  }
  const result = ZPatternPack.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new PatternPackError(`${source}: ${problems.join('; ')}`);
  }
  compilePacks([result.data]); // surfaces bad regexes now, not mid-job
  return result.data;
}

const BUILTIN_PATH = new URL('./packs/builtin.yaml', import.meta.url);

/** The pack shipped with Redactify. */
export function loadBuiltinPack(): TPatternPack {
  return parsePack(readFileSync(BUILTIN_PATH, 'utf8'), 'builtin.yaml');
}

/** Loads the built-in pack and the configured YAML files; names must be unique. */
export function loadPacks(files: readonly string[]): TPatternPack[] {
  const packs = [
    loadBuiltinPack(),
    ...files.map((file) => parsePack(readFileSync(file, 'utf8'), file)),
  ];
  const names = packs.map((p) => p.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new PatternPackError(`two pattern packs are named "${duplicate}"`);
  return packs;
}

/** The packs a job uses: every non-optional pack, plus the optional ones it names. */
export function selectPacks(
  packs: readonly TPatternPack[],
  requested: readonly string[] = [],
): TPatternPack[] {
  const unknown = requested.filter((name) => !packs.some((p) => p.name === name));
  if (unknown.length > 0) throw new PatternPackError(`unknown pattern pack: ${unknown.join(', ')}`);
  return packs.filter((p) => !p.optional || requested.includes(p.name));
}

export const runValidator = (name: ValidatorName, value: string) => VALIDATORS[name](value);
