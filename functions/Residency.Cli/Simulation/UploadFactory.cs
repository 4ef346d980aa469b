using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Residency.Cli.Simulation;

/// <summary>Writes a realistic <c>vehicle-upload/1</c> document of a given kind for a vehicle.</summary>
internal static class UploadFactory
{
    public static byte[] Create(SimulatedVehicle vehicle, string kind, string messageId, DateTimeOffset capturedAt, Random random, double frameShare = 1)
    {
        var output = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(output))
        {
            w.WriteStartObject();
            w.WriteString("schema", "vehicle-upload/1");
            w.WriteString("messageId", messageId);
            w.WriteString("vin", vehicle.Vin);
            w.WriteString("capturedAt", Timestamp(capturedAt));
            w.WriteString("kind", kind);
            w.WriteString("firmware", $"2026.{random.Next(30, 48)}.{random.Next(0, 5)}");
            switch (kind)
            {
                case "telemetry":
                    WriteSignals(w, random);
                    WriteLocation(w, "location", vehicle, random);
                    break;
                case "trip":
                    WriteSignals(w, random);
                    WriteTrajectory(w, vehicle, capturedAt, random);
                    break;
                case "event":
                    WriteLocation(w, "location", vehicle, random);
                    if (random.NextDouble() < frameShare)
                    {
                        WriteCamera(w, random);
                    }

                    w.WriteString("notes", "emergency braking at intersection");
                    break;
                case "charging":
                    WriteCharging(w, vehicle, random);
                    break;
                case "cabin":
                    WriteCabin(w, random);
                    break;
                case "account":
                    WriteOwner(w, vehicle);
                    w.WriteString("notes", $"车主 {vehicle.OwnerName} 更新车牌 {vehicle.Plate}");
                    break;
                case "diagnostic":
                    WriteDiagnostics(w, random);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown upload kind.");
            }

            w.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);

    private static void WriteSignals(Utf8JsonWriter w, Random random)
    {
        w.WriteStartObject("signals");
        w.WriteNumber("speedKph", Round(random.NextDouble() * 120, 1));
        w.WriteNumber("socPercent", random.Next(5, 100));
        w.WriteNumber("odometerKm", Round(1000 + (random.NextDouble() * 90_000), 1));
        w.WriteString("gear", "PRND"[random.Next(4)].ToString());
        w.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter w, string name, SimulatedVehicle vehicle, Random random)
    {
        w.WriteStartObject(name);
        w.WriteNumber("lat", Round(vehicle.HomeLat + ((random.NextDouble() - 0.5) * 0.2), 5));
        w.WriteNumber("lon", Round(vehicle.HomeLon + ((random.NextDouble() - 0.5) * 0.2), 5));
        w.WriteString("datum", "GCJ-02");
        w.WriteNumber("accuracyM", Round(random.NextDouble() * 10, 1));
        w.WriteEndObject();
    }

    private static void WriteTrajectory(Utf8JsonWriter w, SimulatedVehicle vehicle, DateTimeOffset capturedAt, Random random)
    {
        var lat = vehicle.HomeLat;
        var lon = vehicle.HomeLon;
        w.WriteStartArray("trajectory");
        var points = random.Next(5, 30);
        for (var i = 0; i < points; i++)
        {
            lat += (random.NextDouble() - 0.5) * 0.002;
            lon += (random.NextDouble() - 0.5) * 0.002;
            w.WriteStartObject();
            w.WriteString("t", Timestamp(capturedAt.AddSeconds((i - points) * 10)));
            w.WriteNumber("lat", Round(lat, 5));
            w.WriteNumber("lon", Round(lon, 5));
            w.WriteNumber("speedKph", random.Next(0, 100));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    // A frame as a car's exterior camera sends it: the device's own counts (which may be wrong; the server recounts).
    private static void WriteCamera(Utf8JsonWriter w, Random random)
    {
        var frame = SimulatedFrames.Pick(random);
        w.WriteStartArray("camera");
        w.WriteStartObject();
        w.WriteString("position", random.Next(2) == 0 ? "front" : "rear");
        w.WriteString("format", "jpeg");
        w.WriteStartObject("detections");
        w.WriteNumber("faces", random.Next(0, 3));
        w.WriteNumber("plates", random.Next(0, 3));
        w.WriteEndObject();
        w.WriteBase64String("imageBase64", frame.Jpeg);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteCharging(Utf8JsonWriter w, SimulatedVehicle vehicle, Random random)
    {
        w.WriteStartObject("charging");
        w.WriteString("stationId", $"CN-BJ-{random.Next(0, 100_000):D5}");
        w.WriteString("operatorId", $"op-{random.Next(1, 40)}");
        w.WriteString("connectorId", random.Next(1, 9).ToString(CultureInfo.InvariantCulture));
        w.WriteNumber("energyKwh", Round(random.NextDouble() * 70, 1));
        w.WriteNumber("lat", Round(vehicle.HomeLat + ((random.NextDouble() - 0.5) * 0.1), 5));
        w.WriteNumber("lon", Round(vehicle.HomeLon + ((random.NextDouble() - 0.5) * 0.1), 5));
        w.WriteEndObject();
        w.WriteStartObject("signals");
        w.WriteNumber("socPercent", random.Next(5, 100));
        w.WriteEndObject();
    }

    private static void WriteCabin(Utf8JsonWriter w, Random random)
    {
        var template = new byte[64];
        random.NextBytes(template);
        w.WriteStartObject("driver");
        w.WriteBase64String("faceTemplate", template);
        random.NextBytes(template);
        w.WriteBase64String("voiceprint", template);
        w.WriteNumber("drowsiness", Round(random.NextDouble(), 2));
        w.WriteEndObject();
        w.WriteStartObject("cabin");
        w.WriteNumber("occupants", random.Next(1, 5));
        w.WriteString("audioClipRef", $"clip-{random.Next(1, 10_000)}");
        w.WriteString("videoClipRef", $"clip-{random.Next(1, 10_000)}");
        w.WriteEndObject();
    }

    private static void WriteOwner(Utf8JsonWriter w, SimulatedVehicle vehicle)
    {
        w.WriteStartObject("owner");
        w.WriteString("accountId", vehicle.AccountId);
        w.WriteString("name", vehicle.OwnerName);
        w.WriteString("phone", vehicle.OwnerPhone);
        w.WriteString("idNumber", vehicle.OwnerIdNumber);
        w.WriteString("email", $"{vehicle.AccountId}@example.cn");
        w.WriteEndObject();
    }

    private static void WriteDiagnostics(Utf8JsonWriter w, Random random)
    {
        w.WriteStartObject("diagnostics");
        w.WriteStartArray("dtc");
        w.WriteStringValue($"P0A{random.Next(10, 99)}");
        w.WriteEndArray();
        w.WriteStartArray("cellVoltagesMv");
        for (var i = 0; i < 12; i++)
        {
            w.WriteNumberValue(random.Next(3250, 3350));
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
