package dev.reprolab.cli;

import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lab validate SCENARIO...}: checks scenarios without starting anything. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check scenarios against the schema, catalog and files.")
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "SCENARIO")
    List<Path> files;

    @Override
    public Integer call() {
        List<dev.reprolab.input.BadInputException> bad = new java.util.ArrayList<>();
        for (Path f : files) {
            try {
                Scenario s = ScenarioLoader.load(f);
                System.out.println("OK " + f + " (" + s.cells().size() + " cells, " + s.cells().size() * s.trials() + " trials)");
            } catch (dev.reprolab.input.BadInputException e) {
                bad.add(e); // every file is checked; all their errors are reported
            }
        }
        if (!bad.isEmpty()) {
            throw dev.reprolab.input.BadInputException.all(bad);
        }
        return 0;
    }
}
