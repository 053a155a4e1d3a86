package dev.reprolab.run;

import dev.reprolab.remote.FileChannel;
import dev.reprolab.remote.TransferPolicy;
import dev.reprolab.scenario.Scenario;

/** The scenario's file channel, file server and transfer deadlines as the remote layer takes them. */
final class Transfers {

    private Transfers() {
    }

    static TransferPolicy policy(Scenario s) {
        Scenario.FileServer f = s.lab().fileServer();
        return new TransferPolicy(s.lab().fileChannel(), s.deadlines().transfer(), s.deadlines().transferRate(),
                new TransferPolicy.FileServer(f.address(), f.bind(), f.port()));
    }
}
