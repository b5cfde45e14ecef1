package org.vesalius.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing prerequisite skips a test on a developer's machine and fails it under CI. */
class PrerequisitesTest {

    @AfterEach
    void clear() {
        System.clearProperty("vna.ci");
    }

    @Test
    void aPresentPrerequisiteLetsTheTestRun() {
        System.setProperty("vna.ci", "true");
        assertThatCode(() -> Prerequisites.require("sh", true, "always there")).doesNotThrowAnyException();
        assertThatCode(() -> Prerequisites.requireCommand("sh", "always there")).doesNotThrowAnyException();
    }

    @Test
    void aMissingPrerequisiteSkipsOutsideCi() {
        // The environment may say CI=true (a CI run of this very test): then only the failure can be seen.
        if (Prerequisites.ci()) {
            return;
        }
        assertThatThrownBy(() -> Prerequisites.require("frobnicator", false, "apt-get install frobnicator"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("frobnicator is not available (apt-get install frobnicator)");
    }

    @Test
    void aMissingPrerequisiteFailsUnderCi() {
        System.setProperty("vna.ci", "true");
        assertThatThrownBy(() -> Prerequisites.requireCommand("no-such-command-vesalius", "nowhere"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("no-such-command-vesalius is not available")
                .hasMessageContaining("CI=true");
    }
}
