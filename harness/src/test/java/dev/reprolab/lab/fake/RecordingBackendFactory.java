package dev.reprolab.lab.fake;

import dev.reprolab.lab.LabBackend;
import dev.reprolab.lab.LabBackendFactory;
import dev.reprolab.remote.LabException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code --lab recording} (tests only): remembers the run id each command opened it with, then fails like an
 * unreachable lab, so a test sees which run a command named without running any trial.
 */
public final class RecordingBackendFactory implements LabBackendFactory {

    /** The run id of every open, in order ({@code "<none>"} when a command opened it without one). */
    public static final List<String> OPENED = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public LabBackend open(Optional<Path> config) {
        OPENED.add("<none>");
        throw new LabException("recording backend: no lab behind it");
    }

    @Override
    public LabBackend open(Optional<Path> config, String runId) {
        OPENED.add(runId);
        throw new LabException("recording backend: no lab behind it");
    }
}
