/**
 * The third-party actions the generated GitHub workflows use, pinned to the full commit
 * SHA of a release tag. A tag can be moved by whoever controls the action's repository;
 * a commit cannot, so the workflows that hold production secrets run exactly this code.
 * The tag goes in a comment beside the SHA, for readers and for Dependabot/Renovate.
 *
 * The one place to change when moving to a newer release: `npm run check-pins`
 * (scripts/check-action-pins.mjs, run by hop-ci's release workflow) verifies that each
 * SHA is the commit of its tag on GitHub.
 */

export interface ActionPin {
  /** owner/repo on GitHub. */
  repo: string;
  /** The release tag the SHA was taken from. */
  tag: string;
  /** The full commit SHA of that tag (peeled, for annotated tags). */
  sha: string;
}

export const ACTION_PINS = {
  checkout: { repo: 'actions/checkout', tag: 'v7.0.1', sha: '3d3c42e5aac5ba805825da76410c181273ba90b1' },
  setupPython: { repo: 'actions/setup-python', tag: 'v7.0.0', sha: '5fda3b95a4ea91299a34e894583c3862153e4b97' },
  uploadArtifact: { repo: 'actions/upload-artifact', tag: 'v7.0.0', sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f' },
} as const satisfies Record<string, ActionPin>;

/** `owner/repo@sha`, the value of `uses:`. */
export function pinnedUses(pin: ActionPin): string {
  return `${pin.repo}@${pin.sha}`;
}
