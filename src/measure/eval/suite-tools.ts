// The tools suite: generated function-calling tasks. Every task offers the same four tools, so the model must
// pick one; its arguments are checked against the tool's JSON schema and the values the request implies, then the
// tool's result is fed back and the final answer must use it. One task per round needs no tool at all.
import type { ToolDefinition } from './graders.js';
import { random } from './random.js';
import type { EvalTask, Suite } from './suites.js';

const CODE = '^[A-Z]{3}$';
const DATE = '^\\d{4}-\\d{2}-\\d{2}$';

/** The functions offered in every task. */
export const TOOLS: readonly ToolDefinition[] = [
  {
    name: 'get_weather', description: 'Current weather in a city.',
    parameters: { type: 'object', additionalProperties: false, required: ['city', 'unit'], properties: { city: { type: 'string', minLength: 1 }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } } },
  },
  {
    name: 'convert_currency', description: 'Converts an amount between currencies at today\'s rate.',
    parameters: { type: 'object', additionalProperties: false, required: ['amount', 'from', 'to'], properties: { amount: { type: 'number', minimum: 0 }, from: { type: 'string', pattern: CODE, description: 'ISO 4217 code' }, to: { type: 'string', pattern: CODE, description: 'ISO 4217 code' } } },
  },
  {
    name: 'create_event', description: 'Adds a meeting to the shared calendar.',
    parameters: { type: 'object', additionalProperties: false, required: ['title', 'date', 'attendees'], properties: { title: { type: 'string', minLength: 1 }, date: { type: 'string', pattern: DATE, description: 'YYYY-MM-DD' }, attendees: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } } } },
  },
  {
    name: 'lookup_order', description: 'Status of a customer order.',
    parameters: { type: 'object', additionalProperties: false, required: ['order_id'], properties: { order_id: { type: 'integer', minimum: 1 } } },
  },
];

const CITIES = ['Oslo', 'Nairobi', 'Lima', 'Hanoi', 'Perth', 'Quito', 'Tunis', 'Riga'];
const PAIRS: readonly (readonly [string, string, number])[] = [['EUR', 'USD', 1.0842], ['GBP', 'JPY', 191.37], ['USD', 'INR', 83.21], ['CHF', 'EUR', 1.0465]];
const TITLES = ['Budget review', 'Hiring sync', 'Launch retro', 'Vendor call'];
const PEOPLE = ['Ana', 'Ravi', 'Mei', 'Tomás', 'Aisha', 'Lars'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const CARRIERS = ['DHL', 'UPS', 'FedEx', 'PostNord'];

/** A whole number that stands alone in the answer (so 23 does not match 123). */
const standalone = (n: number) => ({ kind: 'regex' as const, pattern: `(^|[^\\d.])${String(n).replace('.', '\\.')}([^\\d]|$)` });

/**
 * `rounds` rounds of five generated tasks (one per tool, one needing none), new values for every seed.
 * @example tools(1).tasks.length // 5
 */
export function tools(seed: number, rounds = 1): Suite {
  const r = random(seed * 7919 + 17);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;
  const offered = { tools: [...TOOLS], max_tokens: 2048 };
  const tasks = Array.from({ length: rounds }, (_, round): EvalTask[] => {
    const id = (name: string) => `tools-${seed}-${round + 1}-${name}`;
    const city = pick(CITIES);
    const unit = pick(['celsius', 'fahrenheit'] as const);
    const temperature = unit === 'celsius' ? int(-5, 34) : int(25, 95);
    const [from, to, rate] = pick(PAIRS);
    const amount = int(20, 900);
    const converted = Math.round(amount * rate * 100) / 100;
    const [title, day, month] = [pick(TITLES), int(1, 28), int(1, 12)];
    const date = `2027-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const first = pick(PEOPLE);
    const second = pick(PEOPLE.filter((p) => p !== first));
    const eventId = `EV-${int(1000, 9999)}`;
    const order = int(10_000, 99_999);
    const carrier = pick(CARRIERS);
    const [a, b] = [int(11, 29), int(11, 29)];
    return [
      {
        ...offered, id: id('weather'), prompt: `What is the temperature in ${city} right now, in degrees ${unit === 'celsius' ? 'Celsius' : 'Fahrenheit'}?`,
        tool_results: { get_weather: { city, temperature, unit, conditions: 'light rain' } },
        graders: [{ kind: 'tool-call', name: 'get_weather', arguments: { city, unit } }, standalone(temperature)],
      },
      {
        ...offered, id: id('currency'), prompt: `How much is ${amount} ${from} in ${to} at today's rate?`,
        tool_results: { convert_currency: { amount, from, to, rate, converted } },
        graders: [{ kind: 'tool-call', name: 'convert_currency', arguments: { amount, from, to } }, { kind: 'numeric', expected: converted, tolerance: 0.001 }],
      },
      {
        ...offered, id: id('event'), prompt: `Schedule "${title}" on ${day} ${MONTHS[month - 1]} 2027 with ${first} and ${second}, then tell me the event id.`,
        tool_results: { create_event: { event_id: eventId, status: 'created' } },
        graders: [{ kind: 'tool-call', name: 'create_event', arguments: { title, date, attendees: [first, second] } }, { kind: 'contains', expected: eventId }],
      },
      {
        ...offered, id: id('order'), prompt: `Where is my order ${order}? Which carrier has it?`,
        tool_results: { lookup_order: { order_id: order, status: 'shipped', carrier } },
        graders: [{ kind: 'tool-call', name: 'lookup_order', arguments: { order_id: order } }, { kind: 'contains', expected: carrier }],
      },
      {
        ...offered, id: id('none'), prompt: `What is ${a} × ${b}? No tool is needed. Answer with the number only.`,
        graders: [{ kind: 'tool-call', name: 'none' }, { kind: 'numeric', expected: a * b }],
      },
    ];
  }).flat();
  return { id: 'tools', description: `Generated function calling (seed ${seed}): the right tool, schema-valid arguments with the right values, and a final answer that uses the result`, tasks };
}
