// A short, cheap run for scheduled checks, written in TypeScript to show typed authoring:
// `import { defineScenario } from 'cdnbench'` gives completion and type errors in editors.
// One small tile and its metadata per session at 10 sessions/s for 10 s (≈ 200 requests per provider).
import { defineScenario } from 'cdnbench';

export default defineScenario({
  name: 'slo-smoke',
  description: 'Ten seconds of tile and metadata lookups: cheap enough to run every night',
  catalog: { seed: 42, books: 100, tracks: 100, albums: 10 },
  sessions: {
    reader: {
      steps: [{ get: '/meta/{isbn}.json' }, { get: '/maps/{isbn}/{edition}/{lang}/{range}.json' }],
    },
  },
  load: { model: 'open', arrival: 'constant', connections: 16 },
  phases: [{ name: 'steady', duration: '10s', rate: 10 }],
  limits: { maxDuration: '40s', maxRequests: 5000 },
});
