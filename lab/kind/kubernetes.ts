// The Kubernetes API of the real lab through @kubernetes/client-node (1.x: every call takes one object).
import { Writable } from 'node:stream';
import * as k8s from '@kubernetes/client-node';
import type { CommandResult, Executor, RunOptions } from '../exec/command.js';
import { CommandError } from '../exec/command.js';
import { podKey, type PodRef } from '../description/index.js';

export class KubernetesApi {
  readonly config = new k8s.KubeConfig();
  readonly core: k8s.CoreV1Api;
  readonly apps: k8s.AppsV1Api;
  readonly custom: k8s.CustomObjectsApi;

  constructor(kubeconfig: string) {
    this.config.loadFromFile(kubeconfig);
    this.core = this.config.makeApiClient(k8s.CoreV1Api);
    this.apps = this.config.makeApiClient(k8s.AppsV1Api);
    this.custom = this.config.makeApiClient(k8s.CustomObjectsApi);
  }

  /** The pod of a workload: the pod of that name, or the one pod of the Deployment of that name. */
  async pod(ref: PodRef): Promise<k8s.V1Pod> {
    const named = await this.core.listNamespacedPod({ namespace: ref.namespace, fieldSelector: `metadata.name=${ref.name}` });
    const pods = named.items.length > 0 ? named.items : (await this.core.listNamespacedPod({ namespace: ref.namespace, labelSelector: `app=${ref.name}` })).items;
    const running = pods.filter((p) => p.status?.phase === 'Running');
    if (running.length !== 1) {
      throw new Error(`pod ${podKey(ref)}: expected one running pod, found ${running.length} of ${pods.length}`);
    }
    return running[0]!;
  }

  /** An executor for a pod, through the API's exec (a websocket), as `kubectl exec` does. */
  podExecutor(ref: PodRef): Executor {
    const where = `pod ${podKey(ref)}`;
    return {
      where,
      run: async (argv: readonly string[], options: RunOptions = {}): Promise<CommandResult> => {
        const pod = await this.pod(ref);
        let stdout = '';
        let stderr = '';
        const sink = (append: (text: string) => void): Writable =>
          new Writable({ write: (chunk: Buffer, _encoding, done) => { append(chunk.toString()); done(); } });
        const timeoutMs = options.timeoutMs ?? 30_000;
        const status = await new Promise<k8s.V1Status>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`${where}: \`${argv.join(' ')}\` did not finish within ${timeoutMs} ms`)), timeoutMs);
          new k8s.Exec(this.config)
            .exec(ref.namespace, pod.metadata!.name!, pod.spec!.containers[0]!.name, [...argv],
              sink((t) => { stdout += t; }), sink((t) => { stderr += t; }), null, false,
              (s) => { clearTimeout(timer); resolve(s); })
            .catch((error: unknown) => { clearTimeout(timer); reject(error); });
        });
        // The exit status of a failed command is in the status's causes (reason ExitCode).
        const exitCode = status.status === 'Success' ? 0 : Number(status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message ?? 1);
        const result: CommandResult = { command: argv, exitCode, stdout, stderr };
        if (exitCode !== 0 && !options.allowFailure) throw new CommandError(where, result, `exited with status ${exitCode}`);
        return result;
      },
    };
  }
}
