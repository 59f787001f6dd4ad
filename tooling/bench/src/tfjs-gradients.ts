/**
 * tfjs-core ships its ops' gradients only as ES modules (`dist/gradients/*.js`, registered by
 * `dist/register_all_gradients.js`, which the `@tensorflow/tfjs` bundle imports); its Node build
 * (`tf-core.node.js`) has none, so `tf.variableGrads` fails with "gradient function not found".
 * Those modules import each other without file extensions, which bundlers accept and Node's ESM
 * loader does not; a resolve hook that retries such an import with ".js" lets Node load them.
 * They register TF.js's own gradients in tfjs-core's global registry (shared by every copy of the
 * package in the process), so the training step uses exactly the gradients `@tensorflow/tfjs`
 * would. No extra dependency.
 */
import { register } from "node:module";

const hook = `
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    const inTfjs = context.parentURL !== undefined && context.parentURL.includes("/@tensorflow/tfjs-core/dist/");
    if (inTfjs && specifier.startsWith(".") && !specifier.endsWith(".js")) return next(specifier + ".js", context);
    throw e;
  }
}`;

let loaded: Promise<unknown> | null = null;

export function registerTfjsGradients(): Promise<unknown> {
  if (loaded === null) {
    register(`data:text/javascript,${encodeURIComponent(hook)}`);
    loaded = import("@tensorflow/tfjs-core/dist/register_all_gradients.js");
  }
  return loaded;
}
