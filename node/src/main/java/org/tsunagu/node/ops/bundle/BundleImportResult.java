package org.tsunagu.node.ops.bundle;

import java.util.Objects;

/**
 * A bundle applied in full.
 *
 * @param accepted envelopes new to this node
 * @param duplicates envelopes it already held (importing a bundle twice changes nothing)
 */
public record BundleImportResult(BundleManifest manifest, long accepted, long duplicates) {
    public BundleImportResult {
        Objects.requireNonNull(manifest, "manifest");
    }
}
