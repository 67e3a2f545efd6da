// The rows of the comparison: the reference article's twelve, in its order, then what it costs.
import type { Dimension } from '../cell.js';
import { agentic, coding, mathReasoning } from './benchmarks.js';
import { cost } from './cost.js';
import { ecosystem, edge, efficiency } from './deployment.js';
import { licenseRow } from './license.js';
import { latestFlagship, maxContext, sizeRange } from './lineup.js';
import { multilingual, multimodal } from './reach.js';

export const DIMENSIONS: readonly Dimension[] = [
  latestFlagship, sizeRange, maxContext, multilingual, multimodal, licenseRow,
  coding, mathReasoning, efficiency, ecosystem, agentic, edge, cost,
];
