package io.billstream.webhook;

import io.billstream.testsupport.InfrastructureContract;
import io.billstream.testsupport.ServiceIntegrationTest;

@ServiceIntegrationTest
class InfrastructureTest extends InfrastructureContract {
}
