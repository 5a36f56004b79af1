package dev.tollgate.webhooks.domain;

/** Which API an endpoint was registered through: each shows and validates its endpoints its own way. */
public enum Audience {
    /** php-tenant documents a circuit breaker; the others show an endpoint's switch as the tenant set it. */
    PHP_TENANT("php-tenant", AttemptVerdict.BREAKER_THRESHOLD), PLANETSCALE("planetscale", Integer.MAX_VALUE),
    OPENMETER("openmeter", Integer.MAX_VALUE);

    private final String stored;
    private final int breakerThreshold;

    Audience(String stored, int breakerThreshold) {
        this.stored = stored;
        this.breakerThreshold = breakerThreshold;
    }

    /** Consecutive failed attempts that disable an endpoint until it is reset. */
    public int breakerThreshold() {
        return breakerThreshold;
    }

    public String stored() {
        return stored;
    }

    public static Audience ofStored(String value) {
        for (Audience a : values()) {
            if (a.stored.equals(value)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown audience " + value);
    }
}
