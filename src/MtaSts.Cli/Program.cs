return MtaSts.Cli.MtaStsCli.Run(args);
