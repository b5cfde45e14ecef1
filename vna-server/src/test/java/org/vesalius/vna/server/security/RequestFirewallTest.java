package org.vesalius.vna.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestFirewallTest {

    /** Spring Security's own default rules, which the firewall's must equal. */
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void admitsExactlyWhatTheDefaultRulesAdmit() {
        List<String> samples = new ArrayList<>(List.of("", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "a\tb", "a\nb", "a\u0000", "\u007f",
                "\u0085", "\u00a0Müller^Jürgen", "日本語", "\uD83D\uDE00", "\uD83D", "\uDE00x", "\u0378", "\uFFFF", "\uE000", "\u200B"));
        Random random = new Random(13);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(6); i > 0; i--) {
                int pick = random.nextInt(4);
                int c = pick == 0 ? random.nextInt(0x80) : pick == 1 ? random.nextInt(0x3000) : random.nextInt(Character.MAX_CODE_POINT + 1);
                text.appendCodePoint(c);
            }
            samples.add(text.toString());
        }
        for (String text : samples) {
            assertThat(RequestFirewall.assignedAndNotControl(text)).as("%s", text.codePoints().boxed().toList())
                    .isEqualTo(NAME.matcher(text).matches());
            assertThat(RequestFirewall.headerValue(text)).as("%s", text.codePoints().boxed().toList())
                    .isEqualTo(HEADER_VALUE.matcher(text).matches());
        }
    }

    @Test
    void refusesARequestWithAControlCharacterInAHeaderOrParameter() {
        StrictHttpFirewall firewall = RequestFirewall.strict();
        MockHttpServletRequest header = new MockHttpServletRequest("GET", "/dicomweb/studies");
        header.addHeader("Authorization", "Bearer abc\u0007");
        assertThatThrownBy(() -> firewall.getFirewalledRequest(header).getHeader("Authorization"))
                .isInstanceOf(RequestRejectedException.class);
        MockHttpServletRequest parameter = new MockHttpServletRequest("GET", "/dicomweb/studies");
        parameter.addParameter("PatientID", "12\u0000");
        assertThatThrownBy(() -> firewall.getFirewalledRequest(parameter).getParameter("PatientID"))
                .isInstanceOf(RequestRejectedException.class);
        MockHttpServletRequest fine = new MockHttpServletRequest("GET", "/dicomweb/studies");
        fine.addHeader("Authorization", "Bearer abc");
        fine.addParameter("PatientName", "Müller^Jürgen");
        assertThat(firewall.getFirewalledRequest(fine).getHeader("Authorization")).isEqualTo("Bearer abc");
        assertThat(firewall.getFirewalledRequest(fine).getParameter("PatientName")).isEqualTo("Müller^Jürgen");
    }
}
