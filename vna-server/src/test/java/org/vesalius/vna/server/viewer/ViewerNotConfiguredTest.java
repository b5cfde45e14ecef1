package org.vesalius.vna.server.viewer;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.vesalius.vna.server.web.ProblemErrorController;
import org.vesalius.vna.server.web.ProblemWriter;

/**
 * Without {@code vna.viewer.directory}, {@code /viewer/} is a plain 404 problem. A web slice: only
 * Spring MVC with the viewer's configuration, no server, store or index (what the answer depends on).
 */
@WebMvcTest(controllers = ProblemErrorController.class)
@Import({ViewerConfiguration.class, ProblemWriter.class}) // ProblemWriter: the web package's filters write their problems with it
@EnableConfigurationProperties(ViewerProperties.class)
class ViewerNotConfiguredTest {

    @Autowired
    MockMvc mvc;

    @Test
    void viewerPathsAre404Problems() throws Exception {
        for (String path : new String[] {"/viewer", "/viewer/", "/viewer/index.html", "/viewer/viewer?StudyInstanceUIDs=1.2.3"}) {
            mvc.perform(get(path))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
    }
}
