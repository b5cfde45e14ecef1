package org.vesalius.vna.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditEvent.Action;
import org.vesalius.vna.archive.api.audit.AuditEvent.Actor;
import org.vesalius.vna.archive.api.audit.AuditEvent.Outcome;

class AtnaMessagesTest {

    private final AtnaMessages messages = new AtnaMessages("node-1", "hospital", "VESALIUS");

    @ParameterizedTest
    @EnumSource(Action.class)
    void everyActionIsAValidDicomAuditMessage(Action action) throws Exception {
        AuditEvent event = new AuditEvent(action, "TEST", new Actor(null, "MODALITY", "192.0.2.7"), List.of("1.2.3.4"),
                new PatientId("PAT-1", "HOSP"), action == Action.QUERY ? "PatientID=PAT-1" : null, Outcome.SUCCESS, null,
                Instant.now());
        String xml = messages.xml(event);
        validate(xml);
        assertThat(xml).contains("MODALITY").contains("192.0.2.7").contains("node-1");
        if (action != Action.READ) {
            assertThat(xml).contains("VESALIUS");
        }
        if (action != Action.SECURITY_ALERT && action != Action.USER_AUTHENTICATION) {
            assertThat(xml).contains("PAT-1");
        }
        if (action != Action.QUERY && action != Action.SECURITY_ALERT && action != Action.USER_AUTHENTICATION) {
            assertThat(xml).contains("1.2.3.4");
        }
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void aFailureWithNothingKnownIsStillValid(Action action) throws Exception {
        AuditEvent event = new AuditEvent(action, "TEST", new Actor(null, null, null), List.of(), null, null,
                Outcome.MINOR_FAILURE, "refused <for> \"reasons\" & more", Instant.now());
        String xml = messages.xml(event);
        validate(xml);
        assertThat(xml).contains("EventOutcomeIndicator=\"4\"");
    }

    /** Validates against the DICOM audit message schema (PS3.15 A.5.1, 2017c) that IPF ships. */
    static void validate(String xml) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Validator validator = factory.newSchema(AtnaMessagesTest.class.getResource("/dicom2017c.xsd")).newValidator();
        validator.validate(new StreamSource(new StringReader(xml)));
    }
}
