import type { Clock } from '../ports.js';

export const systemClock: Clock = { now: () => performance.now() };
