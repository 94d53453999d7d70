/**
 * A Python patch or test that cannot import a module almost always runs on an interpreter
 * where the project (or a dependency) is not installed: say how to fix that, not only
 * "fix the patch".
 */
export function missingModuleHint(output: string): string | undefined {
  const module = /ModuleNotFoundError: No module named '([^']+)'/.exec(output)?.[1];
  if (!module) return undefined;
  return (
    `the Python that ran it cannot import ${module}: install the project and its dependencies into it ` +
    '(`pip install -e .` or `pip install -r requirements.txt`), or name the interpreter that has them with --python (e.g. --python .venv/bin/python)'
  );
}
