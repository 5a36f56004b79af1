package dev.tollgate.proxy.adapters.in.pgwire.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How a client names its project and a managed branch's bouncer in its startup packet. */
class ProjectRoutingTest {
    static final String PROJECT = "prj_01jd5x0000000000000000000a";

    @Test
    void theUserFormNamesTheProjectAndTheBouncer() {
        assertEquals(new ProjectRouting.Target("app", PROJECT, null), ProjectRouting.from("app." + PROJECT, null));
        assertEquals(new ProjectRouting.Target("pw_x", PROJECT, "analytics"), ProjectRouting.from("pw_x|analytics." + PROJECT, null));
        assertEquals(new ProjectRouting.Target("pw_x", null, "analytics"), ProjectRouting.from("pw_x|analytics", null));
        assertEquals(new ProjectRouting.Target("app", null, null), ProjectRouting.from("app", null));
    }

    @Test
    void optionsNameThemInEveryFormPostgreSQLAcceptsAndWinOverTheUserForm() {
        for (String options : new String[] {"project=" + PROJECT + " bouncer=b", "-c project=" + PROJECT + " -c bouncer=b",
                "-cproject=" + PROJECT + " -cbouncer=b", "--project=" + PROJECT + " --bouncer=b"}) {
            assertEquals(new ProjectRouting.Target("pw_x", PROJECT, "b"), ProjectRouting.from("pw_x|other.prj_other", options), options);
        }
    }

    @Test
    void aLeadingBarIsPartOfTheName() {
        assertEquals(new ProjectRouting.Target("|odd", null, null), ProjectRouting.from("|odd", null));
    }
}
