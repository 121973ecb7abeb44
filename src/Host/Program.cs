using JuniperFts.Host.Cli;

// The composition root: the CLI, the scheduler and the portal are all started from here.
return await FtsCli.RunAsync(args, CliContext.ForProcess());
