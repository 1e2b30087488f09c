package dev.leadpact.apikeys;

import java.util.List;
import java.util.Optional;

/** One client's API key, as a service's configuration gives it ({@code <prefix>.api-keys.<client>.*}). */
public interface ApiKey {
    /** The secret; an entry without one (an unset environment variable) lets nobody in. */
    Optional<String> key();

    /** What the key may do; see {@link Roles}. */
    List<String> roles();
}
