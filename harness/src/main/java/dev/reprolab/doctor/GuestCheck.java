package dev.reprolab.doctor;

import java.util.List;

/** One prerequisite of a guest, checked through the harness's own {@link dev.reprolab.remote.Guest} by {@link GuestProbe}. */
public interface GuestCheck {

    List<Finding> check(GuestProbe guest, DoctorOptions options);
}
