namespace Residency.Cli.Simulation;

/// <summary>One vehicle of the simulated fleet, with its owner and home area.</summary>
internal sealed record SimulatedVehicle(
    string Vin,
    string PartitionKey,
    string OwnerName,
    string OwnerPhone,
    string OwnerIdNumber,
    string AccountId,
    string Plate,
    double HomeLat,
    double HomeLon);
