package org.treatygraph.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.treatygraph.load.Project;

/**
 * A foreign ministers' meeting that no data file has, stated by a new (test) source text and
 * modelled as docs/data-modelling.md says: what the write-path tests insert, delete and add to the
 * files. Held, dated, placed, with two participations, so that the rules derive its schema.org view
 * and an encounter.
 */
public final class TestMeeting {
    private TestMeeting() {}

    public static final String PREFIXES = """
        PREFIX tg:     <https://w3id.org/treatygraph/ontology#>
        PREFIX rdfs:   <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX xsd:    <http://www.w3.org/2001/XMLSchema#>
        PREFIX dct:    <http://purl.org/dc/terms/>
        PREFIX prov:   <http://www.w3.org/ns/prov#>
        PREFIX schema: <http://schema.org/>
        PREFIX time:   <http://www.w3.org/2006/time#>
        PREFIX src:    <https://w3id.org/treatygraph/id/source/>
        PREFIX person: <https://w3id.org/treatygraph/id/person/>
        PREFIX organization: <https://w3id.org/treatygraph/id/org/>
        PREFIX post:   <https://w3id.org/treatygraph/id/post/>
        PREFIX place:  <https://w3id.org/treatygraph/id/place/>
        PREFIX event:  <https://w3id.org/treatygraph/id/event/>
        PREFIX part:   <https://w3id.org/treatygraph/id/participation/>
        """;
    public static final String SOURCE_005 = "https://w3id.org/treatygraph/graph/source/005";
    public static final String EVENT = "https://w3id.org/treatygraph/id/event/2019-06-20-kono-lavrov-test";
    public static final String ENCOUNTER = "https://w3id.org/treatygraph/id/encounter/2019-06-20-kono-lavrov-test--sergey-lavrov--taro-kono";
    /** A foreign ministers' meeting, stated by a new source text, modelled as docs/data-modelling.md says. */
    public static final String MEETING = """
        GRAPH <https://w3id.org/treatygraph/graph/source/005> {
          <https://w3id.org/treatygraph/graph/source/005> a tg:SourceGraph ; tg:sourceText src:005 ;
              prov:wasDerivedFrom src:005 ; rdfs:label "Facts stated by source text 005"@en .
          src:005 a tg:SourceText ; dct:title "Japan-Russia Foreign Ministers' Meeting (test)" ;
              dct:publisher organization:japan-mofa ; tg:publisherDescription "Ministry of Foreign Affairs of Japan (test)" ;
              tg:fileName "005_0000000000000000.txt" ; dct:date "2019-06-20"^^xsd:date ;
              schema:datePublished "2019-06-20"^^xsd:date ; dct:language "en" ;
              rdfs:label "Source 005: a test article, 20 June 2019"@en .
          event:2019-06-20-kono-lavrov-test a tg:ForeignMinistersMeeting ;
              rdfs:label "Kono–Lavrov foreign ministers' meeting, Moscow, 20 June 2019"@en ;
              tg:eventStatus tg:Held ; tg:startDate "2019-06-20"^^xsd:date ; tg:datePrecision time:unitDay ;
              tg:location place:moscow ;
              tg:participation part:2019-06-20-kono-lavrov-test--taro-kono , part:2019-06-20-kono-lavrov-test--sergey-lavrov ;
              tg:evidence "On June 20, Mr. Taro Kono held a Japan-Russia Foreign Ministers' Meeting with Mr. Sergey Lavrov in Moscow." .
          part:2019-06-20-kono-lavrov-test--taro-kono a tg:Participation ;
              rdfs:label "Taro Kono at the foreign ministers' meeting of 20 June 2019"@en ;
              tg:agent person:taro-kono ; tg:role tg:Negotiator ; tg:capacity post:japan-minister-for-foreign-affairs .
          part:2019-06-20-kono-lavrov-test--sergey-lavrov a tg:Participation ;
              rdfs:label "Sergey Lavrov at the foreign ministers' meeting of 20 June 2019"@en ;
              tg:agent person:sergey-lavrov ; tg:role tg:Negotiator ; tg:capacity post:russia-minister-of-foreign-affairs .
        }
        """;

    /** The meeting as a data file (data/sources/005.trig). */
    public static String asTrig() {
        return PREFIXES.replace("PREFIX ", "@prefix ").replaceAll("(?m)>\\s*$", "> .") + MEETING;
    }

    /** ontology/, data/ and queries/ of the real project, copied under {@code dir}. */
    public static Project copyOfTheRealProject(Path dir) {
        for (String folder : List.of("ontology", "data", "queries")) {
            Path from = Path.of(folder);
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Path target = dir.resolve(p.toString());
                    if (Files.isDirectory(p))
                        Files.createDirectories(target);
                    else
                        Files.copy(p, target);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Project(dir);
    }
}
