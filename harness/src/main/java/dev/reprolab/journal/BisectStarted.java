package dev.reprolab.journal;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * A bisect began (or resumed) between two levels; {@code rateAlpha}/{@code rateBeta} are the Beta prior on the repro
 * probability it used (absent in journals from before the prior was kept), {@code maxInfra} the infrastructure errors
 * it retries per level and {@code vms} the pool it runs on (absent before the bisect ran on the whole pool).
 */
@JsonTypeName("bisect-started")
public record BisectStarted(String mode, String from, String to, double confidence, Double rateAlpha, Double rateBeta,
                            Integer maxInfra, List<String> vms) implements JournalEvent {
    public BisectStarted {
        vms = Events.list(vms);
    }
}
