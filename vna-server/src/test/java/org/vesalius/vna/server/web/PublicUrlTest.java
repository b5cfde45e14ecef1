package org.vesalius.vna.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class PublicUrlTest {

    private static MockHttpServletRequest request(String localAddress) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/dicomweb/studies");
        request.setServerName("evil.example"); // what the Host header said
        request.addHeader("Host", "evil.example");
        request.setLocalAddr(localAddress);
        request.setLocalPort(8080);
        return request;
    }

    @Test
    void withoutConfigurationTheConnectionsAddressIsUsedNotTheHostHeader() {
        assertThat(new PublicUrl("").base(request("10.0.0.5"))).isEqualTo("http://10.0.0.5:8080");
        assertThat(new PublicUrl(null).base(request("::1"))).isEqualTo("http://[::1]:8080");
    }

    @Test
    void theConfiguredUrlWinsWithoutItsTrailingSlash() {
        assertThat(new PublicUrl("https://vna.example.org/archive/").base(request("10.0.0.5"))).isEqualTo("https://vna.example.org/archive");
    }

    @Test
    void aConfiguredUrlThatCannotBeABaseStopsTheServer() {
        for (String bad : new String[] {"vna.example.org", "ftp://vna.example.org", "https://user@vna.example.org", "https://vna.example.org/?a=b",
                "https://vna example.org"}) {
            assertThatThrownBy(() -> new PublicUrl(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("vna.http.public-url");
        }
    }
}
