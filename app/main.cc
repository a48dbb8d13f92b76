// biobridge: wires the command line to the server. Only glue lives here.
#include "app/serve.h"
#include "cli/cli.h"

int main(int argc, char** argv) {
  biobridge::cli::Cli cli(biobridge::app::Serve);
  return cli.Run(argc, argv);
}
