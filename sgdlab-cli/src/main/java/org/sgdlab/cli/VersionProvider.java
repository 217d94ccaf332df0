package org.sgdlab.cli;

import org.sgdlab.report.Provenance;
import picocli.CommandLine;

/** `sgdlab --version`: the build version, the git commit and the JVM. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        Provenance p = Provenance.capture(0, java.util.Map.of(), java.time.Instant.now());
        // The JVM without Provenance's kernel note: ./sgdlab starts --version without the Vector API module that the
        // computing commands load, so the note would describe a path those commands do not take.
        String jvm = System.getProperty("java.vm.name", "?") + " " + System.getProperty("java.version", "?");
        return new String[] {"sgdlab " + p.version() + " (commit " + p.gitCommit() + ")", jvm + " on " + p.os()};
    }
}
