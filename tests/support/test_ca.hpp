// A throwaway certificate authority and a server certificate for 127.0.0.1 and localhost, made
// with the openssl command in a temp dir that goes away with the object.
#pragma once

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

#include "support/temp_dir.hpp"

namespace incidentd::test {

class TestCa {
  public:
    TestCa() : dir_("incidentd-ca") {
        {
            std::ofstream ext(dir_.file("server.ext"));
            ext << "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                   "basicConstraints=critical,CA:FALSE\n"
                   "keyUsage=critical,digitalSignature\n"
                   "extendedKeyUsage=serverAuth\n";
        }
        const std::string d = dir_.path().string();
        const std::string ec = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
        run("openssl req -x509" + ec + " -keyout " + d + "/ca.key -out " + d +
            "/ca.pem -days 2 -subj /CN=incidentd-test-ca"
            " -addext basicConstraints=critical,CA:TRUE"
            " -addext keyUsage=critical,keyCertSign,cRLSign");
        run("openssl req" + ec + " -keyout " + d + "/key.pem -out " + d +
            "/server.csr -subj /CN=127.0.0.1");
        run("openssl x509 -req -in " + d + "/server.csr -CA " + d + "/ca.pem -CAkey " + d +
            "/ca.key -CAcreateserial -out " + d + "/cert.pem -days 2 -extfile " + d +
            "/server.ext");
    }

    std::string ca_pem() const { return dir_.file("ca.pem"); }
    std::string cert_pem() const { return dir_.file("cert.pem"); }
    std::string key_pem() const { return dir_.file("key.pem"); }

  private:
    void run(const std::string& command) {
        const std::string log = dir_.file("openssl.log");
        if (std::system((command + " >>" + log + " 2>&1").c_str()) != 0) {
            std::ifstream in(log);
            std::string text((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
            throw std::runtime_error("openssl failed: " + command + "\n" + text);
        }
    }

    TempDir dir_;
};

}  // namespace incidentd::test
