package dev.tollgate.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;

/** Import options shared by every architecture test: what is Tollgate's own hand-written production code. */
final class TollgateImport {
    static final String ROOT = "dev.tollgate";

    private TollgateImport() {
    }

    /** Micronaut's annotation processors generate bean definitions, introspections and AOP proxies next to our classes. */
    static final class ExcludeMicronautGenerated implements ImportOption {
        private static final Pattern SIMPLE_NAME_STARTS_WITH_DOLLAR = Pattern.compile(".*/\\$[^/]*\\.class$");

        @Override
        public boolean includes(Location location) {
            return !(location.contains("$Definition")
                    || location.contains("$Introspection")
                    || location.contains("$Intercepted")
                    || location.matches(SIMPLE_NAME_STARTS_WITH_DOLLAR));
        }
    }

    /** Test support and this module's planted-violation fixtures are not production code. */
    static final class ExcludeTestSupportAndFixtures implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !(location.contains("/dev/tollgate/testing/") || location.contains("/dev/tollgate/archfixtures/"));
        }
    }
}
