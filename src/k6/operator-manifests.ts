/**
 * `cdnbench export k6-operator`: Kubernetes manifests that run an exported script on k6-operator
 * (TestRun, k6.io/v1alpha1) split over `parallelism` runner pods, each writing its own gzipped NDJSON
 * (`--out json=/results/$(POD_NAME).ndjson.gz`, Kubernetes expands $(POD_NAME) from the downward API)
 * onto one ReadWriteMany volume, plus a collector pod to copy the files out with `kubectl cp`.
 * k6-operator does not merge results across runners; `cdnbench ingest k6` over all the files does,
 * exactly (HDR histograms from every point).
 */
import { stringify } from 'yaml';
import { InvalidConfigError } from '../errors.js';

/** What the manifests are made from. */
export interface OperatorInput {
  /** Resource name prefix (a DNS label). */
  name: string;
  /** The exported script. */
  script: string;
  parallelism: number;
  /** Runner image (k6 >= 0.57 for TypeScript). */
  image: string;
  namespace?: string;
  /** Target origins passed to the runners as CDNBENCH_TARGETS (empty: the script's own). */
  targets: readonly string[];
  /** Tagged on every point as cdnbench_region; ingest keeps it as the series region. */
  region?: string;
  /** Size of the results volume, e.g. 5Gi. */
  resultsSize: string;
  storageClass?: string;
}

/** File name → content. */
export type ManifestFiles = Record<string, string>;

/** A ConfigMap holds at most 1 MiB of data (Kubernetes' etcd object limit). */
export const CONFIGMAP_MAX_BYTES = 1_048_576;

const K6_UID = 12345; // the grafana/k6 image runs as this user; fsGroup lets it write the results volume

/** Builds the manifests; throws InvalidConfigError when the name or the script size cannot work. */
export function operatorManifests(o: OperatorInput): ManifestFiles {
  if (!/^[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?$/.test(o.name)) {
    throw new InvalidConfigError(`invalid resource name ${JSON.stringify(o.name)}: lowercase letters, digits and dashes, at most 42 characters`);
  }
  const bytes = Buffer.byteLength(o.script);
  if (bytes > CONFIGMAP_MAX_BYTES - 4096) {
    throw new InvalidConfigError(`the exported script is ${bytes} bytes; a ConfigMap holds at most 1 MiB: lower catalog.books/tracks in the scenario`);
  }
  const meta = (name: string): Record<string, string> => ({ name, ...(o.namespace === undefined ? {} : { namespace: o.namespace }) });
  const file = `${o.name}.ts`;
  const claim = `${o.name}-results`;
  const args = ['--out json=/results/$(POD_NAME).ndjson.gz', ...(o.region === undefined ? [] : [`--tag cdnbench_region=${o.region}`])];
  const pvc = {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta(claim),
    spec: {
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: o.resultsSize } },
      ...(o.storageClass === undefined ? {} : { storageClassName: o.storageClass }),
    },
  };
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(`${o.name}-script`), data: { [file]: o.script } };
  const testRun = {
    apiVersion: 'k6.io/v1alpha1', kind: 'TestRun', metadata: meta(o.name),
    spec: {
      parallelism: o.parallelism,
      script: { configMap: { name: `${o.name}-script`, file } },
      arguments: args.join(' '),
      runner: {
        image: o.image,
        env: [
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          ...(o.targets.length === 0 ? [] : [{ name: 'CDNBENCH_TARGETS', value: o.targets.join(',') }]),
        ],
        securityContext: { fsGroup: K6_UID },
        volumes: [{ name: 'results', persistentVolumeClaim: { claimName: claim } }],
        volumeMounts: [{ name: 'results', mountPath: '/results' }],
      },
    },
  };
  const collector = {
    apiVersion: 'v1', kind: 'Pod', metadata: meta(`${o.name}-collector`),
    spec: {
      restartPolicy: 'Never',
      securityContext: { fsGroup: K6_UID },
      containers: [{ name: 'collector', image: 'busybox:stable', command: ['sleep', '3600'], volumeMounts: [{ name: 'results', mountPath: '/results', readOnly: true }] }],
      volumes: [{ name: 'results', persistentVolumeClaim: { claimName: claim } }],
    },
  };
  const ns = o.namespace === undefined ? '' : ` -n ${o.namespace}`;
  const doc = (x: unknown): string => stringify(x, { lineWidth: 0 });
  return {
    '01-results-pvc.yaml': doc(pvc),
    '02-script-configmap.yaml': doc(configMap),
    '03-testrun.yaml': doc(testRun),
    'collect/collector-pod.yaml': doc(collector),
    'HOWTO.txt': [
      `cdnbench on k6-operator: ${o.parallelism} runners of ${file}${o.region === undefined ? '' : `, region ${o.region}`}`,
      '',
      `kubectl apply${ns} -f 01-results-pvc.yaml -f 02-script-configmap.yaml -f 03-testrun.yaml`,
      `kubectl get testrun${ns} ${o.name} -w                  # wait for stage "finished"`,
      `kubectl apply${ns} -f collect/collector-pod.yaml`,
      `kubectl wait${ns} --for=condition=Ready pod/${o.name}-collector`,
      `mkdir -p results && kubectl cp${ns} ${o.name}-collector:/results ./results`,
      `cdnbench ingest k6 results/*.ndjson.gz -o result.json${o.region === undefined ? '' : ` --region ${o.region}`}`,
      `kubectl delete${ns} -f collect/collector-pod.yaml -f 03-testrun.yaml -f 02-script-configmap.yaml   # keep the PVC until the files are safe`,
      '',
    ].join('\n'),
  };
}
