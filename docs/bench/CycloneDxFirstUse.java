import java.nio.charset.StandardCharsets;
import org.cyclonedx.Version;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;

/**
 * Times the first use of cyclonedx-core-java in a fresh JVM: writing a one-component BOM as JSON and XML, then
 * validating both against the CycloneDX 1.6 schemas. Run it with the plugin's classpath:
 * {@code java -cp CLASSPATH docs/bench/CycloneDxFirstUse.java}.
 */
public class CycloneDxFirstUse {

    public static void main(String[] arguments) throws Exception {
        long start = System.nanoTime();
        Component component = new Component();
        component.setType(Component.Type.LIBRARY);
        component.setName("example");
        component.setVersion("1.0");
        component.setPurl("pkg:maven/org.example/example@1.0");
        component.setBomRef(component.getPurl());
        Bom bom = new Bom();
        bom.setMetadata(new Metadata());
        bom.addComponent(component);
        String json = BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString();
        String xml = BomGeneratorFactory.createXml(Version.VERSION_16, bom).toXmlString();
        long written = System.nanoTime();

        int jsonErrors = new JsonParser()
                .validate(json.getBytes(StandardCharsets.UTF_8), Version.VERSION_16)
                .size();
        int xmlErrors = new XmlParser()
                .validate(xml.getBytes(StandardCharsets.UTF_8), Version.VERSION_16)
                .size();
        long validated = System.nanoTime();

        System.out.printf(
                "write %d ms, validate %d ms, %d schema errors%n",
                (written - start) / 1_000_000, (validated - written) / 1_000_000, jsonErrors + xmlErrors);
    }
}
