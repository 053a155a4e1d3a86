package dev.reprolab.workload;

import java.util.Arrays;
import java.util.Optional;

/**
 * How something is installed on the guest, by the word a scenario writes for it: the updates of a patch set
 * ({@code updates.installer}: {@link #DISM} or {@link #WUSA_TASK}) and the IIS role ({@code workload.iis.installer}:
 * {@link #SERVER_MANAGER} or {@link #DISM}). The word is what messages and summaries show.
 */
public enum Installer {
    /** {@code dism /online /add-package} of the .msu's cab (updates), {@code dism /enable-feature} (the IIS role). */
    DISM("dism"),
    /** {@code wusa.exe} from a one-shot SYSTEM scheduled task: wusa refuses inside a WinRM shell. */
    WUSA_TASK("wusa-task"),
    /** Import-Module ServerManager; Add-WindowsFeature Web-Server. */
    SERVER_MANAGER("servermanager");

    private final String word;

    Installer(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** The installer a word names (exactly as the scenario schema spells it); empty for any other word. */
    public static Optional<Installer> named(String word) {
        return Arrays.stream(values()).filter(i -> i.word.equals(word)).findFirst();
    }

    @Override
    public String toString() {
        return word;
    }
}
