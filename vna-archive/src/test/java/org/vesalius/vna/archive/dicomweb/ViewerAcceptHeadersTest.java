package org.vesalius.vna.archive.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ViewerAcceptHeadersTest {

    @Test
    void theOhifFixtureReadsAndNamesEveryKindOhifRequests() {
        List<ViewerAcceptHeaders.Row> rows = ViewerAcceptHeaders.ohif();

        assertThat(rows).extracting(ViewerAcceptHeaders.Row::name).doesNotHaveDuplicates();
        assertThat(rows).extracting(ViewerAcceptHeaders.Row::kind).contains("search", "metadata", "frames", "retrieve", "bulkdata");
        assertThat(rows).allSatisfy(r -> assertThat(r.path()).startsWith("/studies"));
        assertThat(rows).filteredOn(r -> r.kind().equals("frames")).extracting(ViewerAcceptHeaders.Row::accept)
                .contains("multipart/related; type=application/octet-stream; transfer-syntax=*");
    }

    @ParameterizedTest
    @CsvSource({
        "/studies?limit=101, search",
        "/studies/1.2/series?includefield=00080021, search",
        "/studies/1.2/series/1.3/instances, search",
        "/dicomweb/studies/1.2/series/1.3/metadata, metadata",
        "/studies/1.2/metadata, metadata",
        "/studies/1.2/series/1.3/instances/1.4/metadata, metadata",
        "/studies/1.2/series/1.3/instances/1.4/frames/1, frames",
        "/studies/1.2/series/1.3/instances/1.4/frames/1%2C2, frames",
        "/studies/1.2/series/1.3/instances/1.4/bulkdata/7FE00010, bulkdata",
        "/studies/1.2/series/1.3/instances/1.4, retrieve",
        "/studies/1.2/series/1.3, retrieve",
        "/studies/1.2, retrieve",
        "/studies/1.2/series/1.3/rendered, rendered",
        "/studies/1.2/thumbnail, thumbnail",
    })
    void kinds(String path, String kind) {
        assertThat(ViewerAcceptHeaders.kind(path)).isEqualTo(kind);
    }
}
