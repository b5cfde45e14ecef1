package org.vesalius.vna.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchParametersTest {

    @Test
    void a_search_survives_the_page_link_and_drops_what_hapi_carries_itself() {
        SearchParameters p = SearchParameters.of("ImagingStudy", Map.of("patient", new String[] {"Patient/abc"},
                "started", new String[] {"ge2020", "le2021"}, "_count", new String[] {"50"},
                "_include", new String[] {"ImagingStudy:subject"}, "_format", new String[] {"json"}));
        SearchParameters back = SearchParameters.decode(p.encode());
        assertThat(back).isEqualTo(p);
        assertThat(back.values()).containsOnlyKeys("patient", "started", "_count");
        assertThat(back.values().get("started")).containsExactly("ge2020", "le2021");
        assertThat(p.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void alternatives_and_tokens() {
        assertThat(SearchParameters.alternatives("CT,MR")).containsExactly("CT", "MR");
        assertThat(SearchParameters.alternatives("a\\,b,c")).containsExactly("a,b", "c");
        assertThat(SearchParameters.Token.parse("sys|code")).isEqualTo(new SearchParameters.Token("sys", "code"));
        assertThat(SearchParameters.Token.parse("|code")).isEqualTo(new SearchParameters.Token("", "code"));
        assertThat(SearchParameters.Token.parse("code")).isEqualTo(new SearchParameters.Token(null, "code"));
    }

    @Test
    void a_forged_search_id_is_a_bad_request() {
        assertThatThrownBy(() -> SearchParameters.decode("%%%")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> SearchParameters.decode(java.util.Base64.getUrlEncoder().encodeToString("X\nnovalue".getBytes())))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(SearchParameters.decode(new SearchParameters("Patient", Map.of("name", List.of("x"))).encode()).resourceType())
                .isEqualTo("Patient");
    }
}
