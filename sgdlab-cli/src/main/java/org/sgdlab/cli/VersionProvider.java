package org.sgdlab.cli;

import org.sgdlab.report.Provenance;
import picocli.CommandLine;

/** `sgdlab --version`: the build version, the git commit and the JVM. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        Provenance p = Provenance.capture(0, java.util.Map.of(), java.time.Instant.now());
        return new String[] {"sgdlab " + p.version() + " (commit " + p.gitCommit() + ")", p.jvm() + " on " + p.os()};
    }
}
