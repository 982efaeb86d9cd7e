package org.treatygraph.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.treatygraph.testing.WikidataStandIn;

/** How the link workflow talks to the endpoint: loopback only here, a User-Agent, batches, no retry storms. */
class PoliteClientTest {

    /** Records every URI an HTTP client built while it is installed asks a proxy for (that is, every request). */
    static final class RecordingProxySelector extends ProxySelector {
        final List<URI> uris = Collections.synchronizedList(new ArrayList<>());
        @Override public List<Proxy> select(URI uri) { uris.add(uri); return List.of(Proxy.NO_PROXY); }
        @Override public void connectFailed(URI uri, SocketAddress sa, IOException ioe) { }
    }

    @Test
    void every_request_goes_to_the_loopback_stand_in_with_a_descriptive_user_agent() throws Exception {
        ProxySelector previous = ProxySelector.getDefault();
        RecordingProxySelector recording = new RecordingProxySelector();
        ProxySelector.setDefault(recording);
        try (WikidataStandIn wikidata = WikidataStandIn.start()) {
            LinkConfig config = LinkConfig.defaults(URI.create(wikidata.sparqlUrl()));
            Linking.propose(OurData.with("/wikidata/entities.trig"), config);
            Linking.check(OurData.with("/wikidata/links-wrong.trig"), config);
            assertTrue(wikidata.requestCount() > 0);
            assertEquals(wikidata.requestCount(), recording.uris.size(), "every request reached the stand-in");
            for (URI uri : recording.uris)
                assertTrue(InetAddress.getByName(uri.getHost()).isLoopbackAddress(), "left loopback: " + uri);
            assertTrue(wikidata.userAgents().stream().allMatch(ua -> ua.equals(LinkConfig.DEFAULT_USER_AGENT)),
                       wikidata.userAgents()::toString);
        } finally {
            ProxySelector.setDefault(previous);
        }
    }

    @Test
    void candidates_are_asked_for_in_batches_one_request_per_batch() {
        try (WikidataStandIn wikidata = WikidataStandIn.start()) {
            Linking.propose(OurData.with("/wikidata/entities.trig"), LinkConfig.defaults(URI.create(wikidata.sparqlUrl())));
            // one request each: labels → items, items → labels/types, (item, class) → instance-of
            assertEquals(3, wikidata.requestCount());
        }
        try (WikidataStandIn wikidata = WikidataStandIn.start()) {
            LinkConfig small = new LinkConfig(URI.create(wikidata.sparqlUrl()), LinkConfig.DEFAULT_USER_AGENT,
                                              Duration.ofSeconds(10), 4, List.of("en", "ja", "ru"), 5);
            List<Proposal> ps = Linking.propose(OurData.with("/wikidata/entities.trig"), small);
            // 12 label texts → 3 requests; 9 items found → 3; 13 (item, class) pairs → 4
            assertEquals(3 + 3 + 4, wikidata.requestCount());
            assertEquals("Q1161024", ps.stream().filter(p -> p.entity().endsWith("/taro-kono")).findFirst()
                                       .orElseThrow().accepted().get(0).qid(), "same answer in smaller batches");
        }
    }

    @Test
    void an_endpoint_that_answers_with_an_error_fails_at_once_without_retrying() {
        try (WikidataStandIn wikidata = WikidataStandIn.start()) {
            URI wrong = URI.create(wikidata.sparqlUrl().replace("/sparql", "/no-such-endpoint"));
            RuntimeException e = assertThrows(RuntimeException.class,
                () -> Linking.propose(OurData.with("/wikidata/entities.trig"), LinkConfig.defaults(wrong)));
            assertTrue(e.getMessage().contains("answered HTTP 404"), e.getMessage());
            assertEquals(1, wikidata.requestCount(), "no retry");
        }
    }

    @Test
    void an_endpoint_that_does_not_answer_in_time_fails_with_a_clear_message() throws Exception {
        // a loopback socket that accepts connections (backlog) but never answers
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LinkConfig config = new LinkConfig(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/sparql"),
                                               LinkConfig.DEFAULT_USER_AGENT, Duration.ofSeconds(1), 50,
                                               List.of("en"), 5);
            RuntimeException e = assertThrows(RuntimeException.class,
                () -> Linking.propose(OurData.with("/wikidata/entities.trig"), config));
            assertTrue(e.getMessage().contains("no answer from http://127.0.0.1:" + silent.getLocalPort()
                                               + "/sparql within 1 s"), e.getMessage());
        }
    }
}
