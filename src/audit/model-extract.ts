// Optional: an OpenAI-compatible model proposes further claims; each is mapped to the catalog and checked like any other.
import { z } from 'zod';
import { VersusError } from '../errors.js';
import type { Claim, ClaimValue } from './claims.js';
import type { AliasIndex } from './entities.js';

/** What the model is asked to return: one object per claim. */
const Proposal = z.object({
  quote: z.string().min(1).max(500),
  entity: z.string().min(1).max(100),
  attribute: z.enum(['context', 'languages', 'params_total', 'params_active', 'experts', 'license', 'mau_threshold']),
  value: z.union([z.number(), z.string().max(100)]),
});

const PROMPT = `You extract factual claims about open-weight AI models from an article.
Return only JSON: {"claims":[{"quote":"<exact words from the article>","entity":"<model or family name as written>","attribute":"context|languages|params_total|params_active|experts|license|mau_threshold","value":<number, or licence name>}]}.
Numbers are plain: 128K tokens = 128000, 17B = 17000000000, 700M users = 700000000. Only claims the article states; no commentary.`;

export interface Endpoint {
  /** Base URL of an OpenAI-compatible API, e.g. http://localhost:8000/v1. */
  readonly url: string;
  readonly model: string;
  readonly apiKey?: string;
  readonly timeoutMs?: number;
}

/** Converts one proposal to a claim value, or undefined when it does not fit the schema of claims. */
function toValue(p: z.infer<typeof Proposal>): ClaimValue | undefined {
  const n = typeof p.value === 'number' ? p.value : Number(String(p.value).replace(/[,_\s]/g, ''));
  const licence = String(p.value).toLowerCase();
  switch (p.attribute) {
    case 'context': return n > 0 ? { attribute: 'context', tokens: n, superlative: false } : undefined;
    case 'languages': return Number.isInteger(n) && n > 0 ? { attribute: 'languages', count: n } : undefined;
    case 'params_total': return n > 0 ? { attribute: 'params', total: n } : undefined;
    case 'params_active': return n > 0 ? { attribute: 'params', active: n } : undefined;
    case 'experts': return Number.isInteger(n) && n > 0 ? { attribute: 'experts', count: n } : undefined;
    case 'mau_threshold': return n > 0 ? { attribute: 'mau-threshold', users: n } : undefined;
    case 'license':
      if (licence.includes('apache')) return { attribute: 'license', license: 'apache-2.0', name: 'Apache 2.0' };
      if (/\bmit\b/.test(licence)) return { attribute: 'license', license: 'mit', name: 'MIT' };
      if (licence.includes('llama')) return { attribute: 'license', license: 'llama', name: 'Llama Community License' };
      return undefined;
  }
}

/**
 * Asks the model for claims and keeps those that name a catalog entity and a claim type versus can check.
 * @example await modelClaims(text, { url: 'http://localhost:8000/v1', model: 'qwen3.5-27b' }, aliases)
 * @throws VersusError E_ENDPOINT when the endpoint fails or returns no usable JSON
 */
export async function modelClaims(text: string, endpoint: Endpoint, aliases: AliasIndex, fetchImpl: typeof fetch = fetch): Promise<Claim[]> {
  const body = { model: endpoint.model, temperature: 0, messages: [{ role: 'system', content: PROMPT }, { role: 'user', content: text }] };
  let response: Response;
  try {
    response = await fetchImpl(`${endpoint.url.replace(/\/+$/, '')}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(endpoint.timeoutMs ?? 120_000),
    });
  } catch (error) {
    throw new VersusError('E_ENDPOINT', `Could not reach ${endpoint.url}: ${error instanceof Error ? error.message : String(error)}. Check --endpoint.`);
  }
  if (!response.ok) throw new VersusError('E_ENDPOINT', `${endpoint.url} answered HTTP ${response.status}. Check --endpoint, --model and the API key.`);
  const content = await response.json().then((j: unknown) => (j as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content).catch(() => undefined);
  const json = typeof content === 'string' ? /\{[\s\S]*\}/.exec(content.replace(/<think>[\s\S]*?<\/think>/g, ''))?.[0] : undefined;
  let proposals: unknown;
  try {
    proposals = json ? (JSON.parse(json) as { claims?: unknown }).claims : undefined;
  } catch {
    proposals = undefined;
  }
  if (!Array.isArray(proposals)) throw new VersusError('E_ENDPOINT', `${endpoint.model} returned no JSON list of claims; the rule-based audit stands on its own without --endpoint.`);
  return proposals.flatMap((raw) => {
    const p = Proposal.safeParse(raw);
    if (!p.success) return [];
    const entity = aliases.find(p.data.entity)[0]?.entity;
    const value = toValue(p.data);
    const start = text.indexOf(p.data.quote);
    if (!entity || !value || start < 0) return [];
    const line = text.slice(0, start).split('\n').length;
    return [{ entity, value, quote: p.data.quote, start, end: start + p.data.quote.length, line, rivals: [], extractedBy: 'model' as const }];
  });
}
