package io.billstream.document;

import io.billstream.testsupport.InfrastructureContract;
import io.billstream.testsupport.ServiceIntegrationTest;

@ServiceIntegrationTest
class InfrastructureTest extends InfrastructureContract {
}
