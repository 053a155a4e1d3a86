package dev.reprolab.remote;

/** A user name and its password; {@code toString} shows the user only. */
public record Credentials(String username, Secret password) {

    @Override
    public String toString() {
        return username;
    }
}
