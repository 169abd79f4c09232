// Pattern packs: YAML files of regex and label rules, validated at load so a bad rule fails at start.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { PHI_CATEGORIES, type PhiCategory } from './types.js';
import { VALIDATOR_NAMES, VALIDATORS, type ValidatorName } from './validators.js';

const ZRegexSource = z.string().min(1);
const ZFlags = z
  .string()
  .regex(/^[imsu]*$/, 'only the flags i, m, s and u are allowed')
  .default('i');

const ZPatternRule = z.object({
  id: z.string().min(1),
  category: z.enum(PHI_CATEGORIES),
  /** A JavaScript regular expression. A named group `value` narrows what is masked. */
  regex: ZRegexSource,
  flags: ZFlags,
  confidence: z.number().min(0).max(1).default(0.9),
  validate: z.enum(VALIDATOR_NAMES).optional(),
});

const ZLabelRule = z.object({
  id: z.string().min(1),
  category: z.enum(PHI_CATEGORIES),
  /** Matches the label text, e.g. `date of birth|dob`; a trailing colon is matched for you. */
  label: ZRegexSource,
  /** When given, only a value matching this at its start is masked; else the next words are. */
  value: ZRegexSource.optional(),
  maxWords: z.number().int().positive().default(4),
  confidence: z.number().min(0).max(1).default(0.9),
});

export const ZPatternPack = z.object({
  name: z.string().min(1),
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
  /** Matches the label and its separator; global. */
  label: RegExp;
  /** Sticky: tried exactly at the value's start. */
  value?: RegExp;
  maxWords: number;
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
    for (const rule of pack.labels) {
      const where = `pack ${pack.name}, label ${rule.id}`;
      labels.push({
        id: `${pack.name}/${rule.id}`,
        category: rule.category,
        label: compile(`\\b(?:${rule.label})\\s*[:#]`, 'gi', where),
        ...(rule.value && { value: compile(rule.value, 'iy', where) }),
        maxWords: rule.maxWords,
        confidence: rule.confidence,
      });
    }
  }
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

export const runValidator = (name: ValidatorName, value: string) => VALIDATORS[name](value);
