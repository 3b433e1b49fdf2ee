/** Metrics: samples, HDR histograms, the recorder, summaries, result files and their exact merge. */
export * from './sample.js';
export * from './result-model.js';
export * from './histogram.js';
export * from './series-key.js';
export * from './recorder.js';
export * from './summary.js';
export * from './result-schema.js';
export * from './merge.js';
