return await Residency.Functions.HandlerApp.RunAsync(args);
