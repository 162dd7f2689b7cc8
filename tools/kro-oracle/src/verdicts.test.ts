import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { allowed, coreVerdicts, firstError, jsonDiff, keyOracleVerdicts, loadAllowList, pairUp, type VerdictPair } from './compare.js';
import { loadCorpus } from './corpus.js';
import { generateMutants, type MutationBase } from './mutate.js';
import { oracleVerdicts, type OracleVerdict } from './runOracle.js';
import type { RgdValidation } from '@kro-designer/core';

/**
 * Differential test of the core's verdicts against kro v0.9.3's graph builder (tools/kro-oracle): every RGD of the
 * shared corpus and a seeded set of mutants. Any disagreement not in allowlist.json fails.
 */

const MUTANTS = 600;
const SEED = 20261124;

const build = inject('kroOracle');
const allow = loadAllowList();
const corpus = loadCorpus();

let corpusPairs: VerdictPair[] = [];
let mutantPairs: VerdictPair[] = [];
const mutantInfo = new Map<string, string>();

beforeAll(async () => {
  // Corpus: folders validated together, with the ACK CRDs the corpus carries.
  let t = performance.now();
  const lap = (what: string) => {
    const now = performance.now();
    console.log(`${what}: ${((now - t) / 1000).toFixed(1)} s`);
    t = now;
  };
  const kro = await oracleVerdicts(build, { crds: corpus.crds, groups: corpus.groups });
  lap('kro-oracle, corpus');
  const core = coreVerdicts(corpus.groups, corpus.crds);
  lap('core, corpus');
  corpusPairs = pairUp('corpus', core, keyOracleVerdicts(kro));

  // Mutants start from RGDs both sides accept on their own (single-RGD files), so each mutant isolates one edit.
  const accepted = new Set(corpusPairs.filter((p) => p.core?.valid && p.kro?.valid).map((p) => p.id));
  const bases: MutationBase[] = [];
  for (const f of corpus.files) {
    const docs = parseAllDocuments(f.text);
    const rgds = (Array.isArray(docs) ? docs : [docs]).map((d) => d.toJS() as Record<string, unknown> | null).filter((d) => d?.['kind'] === 'ResourceGraphDefinition');
    if (rgds.length === 1 && accepted.has(`corpus:${f.path}#0`)) bases.push({ name: f.path, rgd: rgds[0] as MutationBase['rgd'] });
  }
  const mutants = generateMutants(bases, MUTANTS, SEED);
  for (const m of mutants) mutantInfo.set(m.id, `${m.description}`);
  // Only mutants of RGDs that use ACK kinds get the (large) ACK CRDs: building a registry from them per file is
  // what costs the core most time, and the other mutants cannot see them anyway.
  const usesAck = (name: string) => /apiVersion:\s*[\w.-]+\.services\.k8s\.aws\//.test(corpus.files.find((f) => f.path === name)?.text ?? '');
  const kroMutants: OracleVerdict[] = [];
  const coreMutants = new Map<string, RgdValidation>();
  for (const withCrds of [true, false]) {
    const groups = mutants.filter((m) => usesAck(m.base) === withCrds).map((m) => ({ id: m.id, files: [{ path: m.id, text: m.text }] }));
    const crds = withCrds ? corpus.crds : [];
    kroMutants.push(...(await oracleVerdicts(build, { crds, groups })));
    lap(`kro-oracle, ${String(groups.length)} mutants${withCrds ? ' with ACK CRDs' : ''}`);
    for (const [k, v] of coreVerdicts(groups, crds)) coreMutants.set(k, v);
    lap(`core, ${String(groups.length)} mutants${withCrds ? ' with ACK CRDs' : ''}`);
  }
  mutantPairs = pairUp('mutant', coreMutants, keyOracleVerdicts(kroMutants), (k) => k.replace(/#0$/, ''));
}, 600_000);

function report(label: string, pairs: readonly VerdictPair[]): string[] {
  const agree = pairs.filter((p) => (p.core?.valid ?? false) === (p.kro?.valid ?? false));
  const disagreements = pairs.filter((p) => (p.core?.valid ?? false) !== (p.kro?.valid ?? false));
  const rejectedByKro = pairs.filter((p) => p.kro && !p.kro.valid).length;
  const lines = [
    `${label}: ${String(agree.length)}/${String(pairs.length)} verdicts agree (${((100 * agree.length) / Math.max(1, pairs.length)).toFixed(1)} %); kro rejects ${String(rejectedByKro)}, accepts ${String(pairs.length - rejectedByKro)}`,
  ];
  const unexplained: string[] = [];
  for (const p of disagreements) {
    const entry = allowed(allow.verdicts, p.id, mutantInfo.get(p.id.replace(/^mutant:/, '')));
    const text =
      `  ${entry ? 'ALLOWED' : 'DISAGREE'} ${p.id}${mutantInfo.has(p.id.replace(/^mutant:/, '')) ? ` [${mutantInfo.get(p.id.replace(/^mutant:/, '')) ?? ''}]` : ''}\n` +
      `    core: ${p.core ? (p.core.valid ? 'valid' : `invalid: ${firstError(p.core)}`) : 'no RGD'}\n` +
      `    kro:  ${p.kro ? (p.kro.valid ? 'valid' : `invalid: ${(p.kro.error ?? '').split('\n')[0] ?? ''}`) : 'no RGD'}` +
      (entry ? `\n    why:  ${entry.reason}` : '');
    lines.push(text);
    const stale = entry && (entry.core !== (p.core?.valid ?? false) || entry.kro !== (p.kro?.valid ?? false));
    if (!entry || stale) unexplained.push(p.id);
  }
  console.log(lines.join('\n'));
  return unexplained;
}

/** Allow-list entries no case needs any more (the core was fixed): printed, so they get removed. */
function staleEntries(pairs: readonly VerdictPair[]): string[] {
  const disagreeing = pairs.filter((p) => (p.core?.valid ?? false) !== (p.kro?.valid ?? false));
  return allow.verdicts
    .filter((e) => !disagreeing.some((p) => allowed([e], p.id, mutantInfo.get(p.id.replace(/^mutant:/, '')))))
    .map((e) => e.id ?? e.pattern ?? '');
}

describe('verdicts: core vs kro v0.9.3 (kro-oracle)', () => {
  it('covers the corpus', () => {
    // 56 files with RGDs (graph/rgd.yaml nests RGDs inside a KREP-024 Graph, which kro v0.9.3 does not know).
    expect(new Set(corpusPairs.map((p) => p.id.replace(/#\d+$/, ''))).size).toBeGreaterThanOrEqual(56);
  });

  it('agrees on every corpus RGD', () => {
    expect(report('corpus', corpusPairs)).toEqual([]);
  });

  it(`agrees on ${String(MUTANTS)} seeded mutants`, () => {
    expect(mutantPairs.length).toBe(MUTANTS);
    const perOperator = new Map<string, { n: number; rejected: number; agree: number }>();
    for (const p of mutantPairs) {
      const op = /^mutant:m\d+-([a-z-]+)@/.exec(p.id)?.[1] ?? '?';
      const row = perOperator.get(op) ?? { n: 0, rejected: 0, agree: 0 };
      row.n++;
      if (p.kro && !p.kro.valid) row.rejected++;
      if ((p.core?.valid ?? false) === (p.kro?.valid ?? false)) row.agree++;
      perOperator.set(op, row);
    }
    console.log(
      `mutants per operator (n / kro rejects / agree):\n${[...perOperator]
        .sort()
        .map(([op, r]) => `  ${op.padEnd(22)} ${String(r.n).padStart(4)} ${String(r.rejected).padStart(4)} ${String(r.agree).padStart(4)}`)
        .join('\n')}`,
    );
    expect(report('mutants', mutantPairs)).toEqual([]);
  });

  it('reports stale allow-list entries', () => {
    const stale = staleEntries([...corpusPairs, ...mutantPairs]);
    if (stale.length > 0) console.log(`allow-list entries that no case needs any more (remove them):\n  ${stale.join('\n  ')}`);
    expect(stale.length).toBeGreaterThanOrEqual(0);
  });

  it('agrees on topological order for RGDs both accept', () => {
    const diffs = [...corpusPairs, ...mutantPairs]
      .filter((p) => p.core?.valid && p.kro?.valid)
      .filter((p) => JSON.stringify(p.core!.topologicalOrder) !== JSON.stringify(p.kro!.topologicalOrder))
      .map((p) => `${p.id}: core ${JSON.stringify(p.core!.topologicalOrder)} kro ${JSON.stringify(p.kro!.topologicalOrder)}`);
    if (diffs.length > 0) console.log(`topological order differences:\n  ${diffs.join('\n  ')}`);
    expect(diffs.filter((d) => !allowed(allow.verdicts, d.split(':').slice(0, 2).join(':')))).toEqual([]);
  });

  it('generates the CRD kro generates for every RGD both accept (structurally)', () => {
    const both = [...corpusPairs, ...mutantPairs].filter((p) => p.core?.valid && p.kro?.valid);
    const unpublishable = both.filter((p) => p.kro!.crdError !== undefined);
    if (unpublishable.length > 0) {
      console.log(`kro accepts these RGDs but its CRD could not be created (the core warns):\n  ${unpublishable.map((p) => `${p.id}: ${p.kro!.crdError ?? ''}`).join('\n  ')}`);
    }
    const lines: string[] = [];
    const unexplained: string[] = [];
    let same = 0;
    for (const p of both.filter((x) => x.kro!.crdError === undefined)) {
      const ours = p.core!.crd as unknown as Record<string, unknown> | undefined;
      const theirs = p.kro!.crd;
      // kro's builder sets no labels; the controller adds its own, which the core includes by default.
      const diff = jsonDiff({ name: (ours?.['metadata'] as { name?: string } | undefined)?.name, spec: ours?.['spec'] }, { name: (theirs?.['metadata'] as { name?: string } | undefined)?.name, spec: theirs?.['spec'] });
      if (diff.length === 0) {
        same++;
        continue;
      }
      const entry = allowed(allow.crds, p.id);
      lines.push(`  ${entry ? 'ALLOWED' : 'DIFFERS'} ${p.id}\n    ${diff.join('\n    ')}${entry ? `\n    why: ${entry.reason}` : ''}`);
      if (!entry) unexplained.push(p.id);
    }
    console.log(`generated CRDs: ${String(same)}/${String(both.length - unpublishable.length)} structurally equal\n${lines.join('\n')}`);
    expect(unexplained).toEqual([]);
  });
});
