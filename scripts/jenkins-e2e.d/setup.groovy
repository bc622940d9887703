// Run by the controller at every boot of scripts/jenkins-e2e (it is copied to JENKINS_HOME/init.groovy.d).
// Idempotent. Sets up what the end-to-end check needs, and nothing else:
//  - security on: Jenkins' own user database, user "admin", logged-in users may do anything, anonymous nothing;
//    admin's API token is written (mode 600) to <hotplex.e2e.out>/admin.token;
//  - no executors on the built-in node; an inbound (WebSocket) agent "e2e-agent" with label "hotplex-e2e" and
//    its secret in <hotplex.e2e.out>/agent.secret;
//  - a Secret text credential "e2e-model-key" holding the fake model's key from <hotplex.e2e.keyFile>.
import com.cloudbees.plugins.credentials.CredentialsScope
import com.cloudbees.plugins.credentials.SystemCredentialsProvider
import com.cloudbees.plugins.credentials.domains.Domain
import hudson.model.Node
import hudson.security.FullControlOnceLoggedInAuthorizationStrategy
import hudson.security.HudsonPrivateSecurityRealm
import hudson.slaves.DumbSlave
import hudson.slaves.JNLPLauncher
import hudson.util.Secret
import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions
import jenkins.model.Jenkins
import jenkins.security.ApiTokenProperty
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl

def jenkins = Jenkins.get()
def out = new File(System.getProperty('hotplex.e2e.out'))
out.mkdirs()
def writePrivate = { String name, String text ->
  def file = new File(out, name).toPath()
  Files.writeString(file, text)
  Files.setPosixFilePermissions(file, PosixFilePermissions.fromString('rw-------'))
}

if (!(jenkins.securityRealm instanceof HudsonPrivateSecurityRealm)) {
  def realm = new HudsonPrivateSecurityRealm(false)
  def admin = realm.createAccount('admin', UUID.randomUUID().toString())
  jenkins.securityRealm = realm
  def strategy = new FullControlOnceLoggedInAuthorizationStrategy()
  strategy.allowAnonymousRead = false
  jenkins.authorizationStrategy = strategy
  def token = admin.getProperty(ApiTokenProperty).tokenStore.generateNewToken('jenkins-e2e')
  admin.save()
  writePrivate('admin.token', token.plainValue)
}

jenkins.numExecutors = 0
if (jenkins.getNode('e2e-agent') == null) {
  def launcher = new JNLPLauncher()
  launcher.webSocket = true
  def agent = new DumbSlave('e2e-agent', System.getProperty('hotplex.e2e.agentRoot'), launcher)
  agent.numExecutors = 2
  agent.labelString = 'hotplex-e2e'
  agent.mode = Node.Mode.EXCLUSIVE
  jenkins.addNode(agent)
}
writePrivate('agent.secret', jenkins.getComputer('e2e-agent').jnlpMac)

def credentials = SystemCredentialsProvider.instance
if (!credentials.credentials.any { it.id == 'e2e-model-key' }) {
  def key = new File(System.getProperty('hotplex.e2e.keyFile')).text.trim()
  credentials.store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL,
      'e2e-model-key', 'API key of the fake model (scripts/jenkins-e2e)', Secret.fromString(key)))
}
jenkins.save()
