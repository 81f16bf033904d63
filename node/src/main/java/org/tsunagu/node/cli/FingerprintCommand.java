package org.tsunagu.node.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.tsunagu.node.home.KeyFile;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.protocol.KeyId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "fingerprint",
        mixinStandardHelpOptions = true,
        description = "Print this node's hub id, key id and key fingerprint, to read out to a peer hub's admin.")
final class FingerprintCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Override
    public Integer call() {
        NodeConfig config = data.initialisedConfig();
        KeyId key = KeyFile.read(config.keyFile()).publicKey().keyId();
        PrintWriter out = spec.commandLine().getOut();
        out.println("hub          " + config.hub());
        out.println("key          " + key.value());
        out.println("fingerprint  " + key.fingerprint());
        return 0;
    }
}
